import { publicIstatCode } from './organizations.repository';

describe('publicIstatCode', () => {
  it('shows real ISTAT codes and hides the synthetic keys of provinces', () => {
    expect(publicIstatCode('063049')).toBe('063049');
    expect(publicIstatCode('R15')).toBe('15');
    expect(publicIstatCode('P-NA')).toBeNull();
    expect(publicIstatCode(null)).toBeNull();
  });
});
