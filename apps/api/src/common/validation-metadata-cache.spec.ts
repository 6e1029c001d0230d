import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

const failing = (object: object) =>
  validateSync(object)
    .map((error) => error.property)
    .sort();

describe('cacheValidationMetadata', () => {
  cacheValidationMetadata();

  class Base {
    @IsString() name!: unknown;
  }

  it('answers a class the same rules, from the cache the second time', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Base, '', false, false);
    expect(storage.getTargetValidationMetadatas(Base, '', false, false)).toBe(first);
    expect(failing(Object.assign(new Base(), { name: 1 }))).toEqual(['name']);
    expect(failing(Object.assign(new Base(), { name: 'ok' }))).toEqual([]);
  });

  it('sees the rules of a class loaded later, inherited ones included', () => {
    class Child extends Base {
      @IsInt() count!: unknown;
    }
    expect(failing(Object.assign(new Child(), { name: 1, count: 'x' }))).toEqual(['count', 'name']);
  });

  it('sees a rule registered after the cache was used', () => {
    expect(failing(Object.assign(new Base(), { name: 'long' }))).toEqual([]);
    MaxLength(2)(Base.prototype, 'name');
    expect(failing(Object.assign(new Base(), { name: 'long' }))).toEqual(['name']);
  });

  it('is installed once', () => {
    const lookup = getMetadataStorage().getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(getMetadataStorage().getTargetValidationMetadatas).toBe(lookup);
  });
});
