import { Foundation1764000000000 } from './1764000000000-foundation';

/** In order. Append new migrations; never edit one that has landed. */
export const MIGRATIONS = [Foundation1764000000000];
