import { DEFAULT_RETURN_PATH, safeReturnPath } from './oidc-login.service';

describe(safeReturnPath.name, () => {
  it('keeps a path of this site, with its query', () => {
    expect(safeReturnPath('/servizi?categoria=anziani')).toBe('/servizi?categoria=anziani');
  });

  it.each([
    ['nothing', undefined],
    ['another site', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a relative path', 'profilo'],
    ['a header-splitting attempt', '/profilo\r\nSet-Cookie: x=1'],
    ['a javascript: address', 'javascript:alert(1)'],
  ])('falls back to the profile page for %s', (_, input) => {
    expect(safeReturnPath(input)).toBe(DEFAULT_RETURN_PATH);
  });
});
