import { hsdsId } from './hsds-id';

describe('hsdsId', () => {
  it('gives the same parts the same name-based (version 5) UUID, and other parts another', () => {
    const id = hsdsId('schedule', 'a', '09:00');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hsdsId('schedule', 'a', '09:00')).toBe(id);
    expect(hsdsId('schedule', 'a', '09:30')).not.toBe(id);
    expect(hsdsId('schedule', 'a/09:00')).toBe(id); // parts are joined with "/": callers pass ids, not paths
  });

  it('never changes for a given name (harvesters keep the ids they saw)', () => {
    expect(hsdsId('organization', 'ambito')).toBe(hsdsId('organization', 'ambito'));
    expect(hsdsId('taxonomy', 'categories')).toBe('95afbab5-2cae-5e9a-9871-eaf0c6de5409');
  });
});
