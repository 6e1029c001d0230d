export * from './members';
export * from './organizations';
export * from './pagination';
export * from './problem';
export * from './programmes';
export * from './realtime';
export * from './notifications';
