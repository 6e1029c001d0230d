import { Foundation1764000000000 } from './1764000000000-foundation';
import { OrganizationsUniqueName1764000100000 } from './1764000100000-organizations-unique-name';

/** In order. Append new migrations; never edit one that has landed. */
export const MIGRATIONS = [Foundation1764000000000, OrganizationsUniqueName1764000100000];
