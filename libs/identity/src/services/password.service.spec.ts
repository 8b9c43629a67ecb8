import { PasswordService } from './password.service';

describe(PasswordService.name, () => {
  const passwords = new PasswordService();

  it('stores argon2id hashes that only the right password matches', async () => {
    const stored = await passwords.hash('Piazza-demo-2026');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain('Piazza-demo-2026');
    await expect(passwords.verify(stored, 'Piazza-demo-2026')).resolves.toBe(true);
    await expect(passwords.verify(stored, 'piazza-demo-2026')).resolves.toBe(false);
  });

  it('treats a corrupted hash as a wrong password, not a crash', async () => {
    await expect(passwords.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
