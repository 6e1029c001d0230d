import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage> & { convergoCached?: true };
type Lookup = Storage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

/**
 * class-validator finds a class's inherited rules by testing every decorated class of the app on
 * each validation (typestack/class-validator#2686): a third of the ValidationPipe's cost, ~30 µs a
 * request here (bench/README "HTTP"). Rules are registered as classes load and never change after,
 * so the answer per class and options is kept; registering a rule (a class loaded later) clears it.
 * Installed once per process.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (storage.convergoCached) return;
  storage.convergoCached = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let answers = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    register(metadata);
  };
}
