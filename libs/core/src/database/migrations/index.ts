import { Foundation1764000000000 } from './1764000000000-foundation';
import { Identity1764000000001 } from './1764000000001-identity';
import { Catalogue1764000000002 } from './1764000000002-catalogue';
import { Accounts1764000000003 } from './1764000000003-accounts';
import { Organisations1764000000004 } from './1764000000004-organisations';
import { AssistedAccess1764000000005 } from './1764000000005-assisted-access';
import { Directory1764000000006 } from './1764000000006-directory';
import { SearchIndexes1764000000007 } from './1764000000007-search-indexes';
import { LedgerVouchers1764000000008 } from './1764000000008-ledger-vouchers';
import { CatalogueVersionNotify1764000000009 } from './1764000000009-catalogue-version-notify';
import { LedgerTransferFunction1764000000010 } from './1764000000010-ledger-transfer-function';
import { Commerce1764000000011 } from './1764000000011-commerce';

/**
 * Every migration of every library, in order. They live in one place so that one `migrate` runs them
 * all in a known order; each file says which library's tables it makes.
 */
export const MIGRATIONS = [
  Foundation1764000000000,
  Identity1764000000001,
  Catalogue1764000000002,
  Accounts1764000000003,
  Organisations1764000000004,
  AssistedAccess1764000000005,
  Directory1764000000006,
  SearchIndexes1764000000007,
  LedgerVouchers1764000000008,
  CatalogueVersionNotify1764000000009,
  LedgerTransferFunction1764000000010,
  Commerce1764000000011,
];
