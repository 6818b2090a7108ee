// Every migration, listed statically so that bundling keeps them (Kysely: static MigrationProvider).
// Names sort in the order they run; never rename or edit one that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001-core';
import * as m0002 from './0002-person-search';
import * as m0003 from './0003-imports';
import * as m0004 from './0004-claims';
import * as m0005 from './0005-visits';
import * as m0006 from './0006-letters';
import * as m0007 from './0007-petitions';
import * as m0008 from './0008-certifications';
import * as m0009 from './0009-adjustments';
import * as m0010 from './0010-org-network';
import * as m0011 from './0011-activities';
import * as m0012 from './0012-ids-never-reused';
import * as m0013 from './0013-claims-report-totals';
import * as m0014 from './0014-list-indexes';
import * as m0015 from './0015-search-readings';
import * as m0016 from './0016-search-rank-index';
import * as m0017 from './0017-operators';
import * as m0018 from './0018-privacy-records';
import * as m0019 from './0019-person-changes';
import * as m0020 from './0020-upward-fields';
import * as m0021 from './0021-export-templates';
import * as m0022 from './0022-death-benefits';
import * as m0025 from './0025-lunar-birthdays';
import * as m0026 from './0026-hospital-stays';
import * as m0027 from './0027-hardship-aid';
import * as m0028 from './0028-survivors';
import * as m0029 from './0029-party-dues';
import * as m0030 from './0030-remote-residence';
import * as m0031 from './0031-survivor-allowance-payments';
import * as m0032 from './0032-community-handover';
import * as m0033 from './0033-meetings';
import * as m0034 from './0034-work-plan';
import * as m0035 from './0035-claim-period-persons';
import * as m0036 from './0036-party-dues-span';
import * as m0037 from './0037-adjustment-basis';
import * as m0038 from './0038-adjustment-raw-labels';

export const migrations: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-person-search': m0002,
  '0003-imports': m0003,
  '0004-claims': m0004,
  '0005-visits': m0005,
  '0006-letters': m0006,
  '0007-petitions': m0007,
  '0008-certifications': m0008,
  '0009-adjustments': m0009,
  '0010-org-network': m0010,
  '0011-activities': m0011,
  '0012-ids-never-reused': m0012,
  '0013-claims-report-totals': m0013,
  '0014-list-indexes': m0014,
  '0015-search-readings': m0015,
  '0016-search-rank-index': m0016,
  '0017-operators': m0017,
  '0018-privacy-records': m0018,
  '0019-person-changes': m0019,
  '0020-upward-fields': m0020,
  '0021-export-templates': m0021,
  '0022-death-benefits': m0022,
  '0025-lunar-birthdays': m0025,
  '0026-hospital-stays': m0026,
  '0027-hardship-aid': m0027,
  '0028-survivors': m0028,
  '0029-party-dues': m0029,
  '0030-remote-residence': m0030,
  '0031-survivor-allowance-payments': m0031,
  '0032-community-handover': m0032,
  '0033-meetings': m0033,
  '0034-work-plan': m0034,
  '0035-claim-period-persons': m0035,
  '0036-party-dues-span': m0036,
  '0037-adjustment-basis': m0037,
  '0038-adjustment-raw-labels': m0038,
};
