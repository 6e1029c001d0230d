export * from './api-responses';
export * from './problem.response';
export * from './refs.response';
