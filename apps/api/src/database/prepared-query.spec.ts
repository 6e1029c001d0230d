import { preparedStatement } from './prepared-query';

describe('preparedStatement', () => {
  it('refuses a name declared twice, even with the same text', () => {
    expect(preparedStatement('spec.once', 'SELECT 1')).toEqual({ name: 'spec.once', text: 'SELECT 1' });
    expect(() => preparedStatement('spec.once', 'SELECT 2')).toThrow(
      'prepared statement "spec.once" is declared twice',
    );
    expect(() => preparedStatement('spec.once', 'SELECT 1')).toThrow('declared twice');
  });
});
