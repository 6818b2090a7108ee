// People living elsewhere (异地居住, issue 21 item 3), listed by city: for the letters and envelopes
// sent to them, the visits arranged through their local unit or a relative nearby, and the yearly
// pension certification (资格认证), which for them is most often done from afar. Only people on the
// roll; a file marked 异地居住 without a city is listed as 未填城市, for staff to complete.
import { NO_CITY, type RemoteList, type RemoteRow } from '../contract/retirees';
import { fieldColumn, SEQ_COLUMN } from '../documents/columns';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import type { Store } from '../db/store';
import { ageOn, formatChineseDate, todayIso } from '../shared/dates';
import { maskPhone } from '../shared/mask';
import { parsePhones } from './persons';
import { contactSql } from '../shared/contact';

interface Row {
  id: number;
  name: string;
  gender: string | null;
  birth_date: string | null;
  category: string;
  address: string | null;
  phones: string;
  remote_city: string | null;
  remote_unit: string | null;
  remote_unit_phone: string | null;
  remote_community: string | null;
  remote_community_phone: string | null;
  remote_police: string | null;
  remote_police_phone: string | null;
  certified_on: string | null;
  last_visit: string | null;
}

/**
 * The cities with how many live in each, and the people of one city (`city`; NO_CITY for the files
 * without one) or of all (`city` null), by city then name. Phones are masked unless `full` (the
 * export, which is logged).
 */
export function remoteResidents(store: Store, city: string | null, today = todayIso(), full = false): RemoteList {
  const cities = store
    .prepare(
      `SELECT remote_city AS city, count(*) AS count FROM persons
       WHERE remote = 1 AND status = '在册' GROUP BY remote_city ORDER BY remote_city IS NULL, remote_city`,
    )
    .all() as { city: string | null; count: number }[];
  const year = Number(today.slice(0, 4));
  const where = city === null ? '' : city === NO_CITY ? 'AND p.remote_city IS NULL' : 'AND p.remote_city = ?';
  const rows = store
    .prepare(
      `SELECT p.id, p.name, p.gender, p.birth_date, p.category, p.address, p.phones, p.remote_city,
              p.remote_unit, p.remote_unit_phone, p.remote_community, p.remote_community_phone,
              p.remote_police, p.remote_police_phone,
              (SELECT max(c.certified_on) FROM certifications c WHERE c.person_id = p.id AND c.year = ?) AS certified_on,
              (SELECT max(v.date) FROM visits v WHERE v.person_id = p.id AND ${contactSql('v')}) AS last_visit
       FROM persons p
       WHERE p.remote = 1 AND p.status = '在册' ${where}
       ORDER BY p.remote_city IS NULL, p.remote_city, p.name_sort, p.id`,
    )
    .all(...(city === null || city === NO_CITY ? [year] : [year, city])) as Row[];
  // The contact marked 住在附近 of each person living elsewhere (the first, by the file's order), read at once.
  const nearby = new Map<number, { name: string; relation: string | null; phones: string }>();
  for (const c of store
    .prepare(
      `SELECT c.person_id, c.name, c.relation, c.phones FROM person_contacts c
       JOIN persons p ON p.id = c.person_id AND p.remote = 1 AND p.status = '在册'
       WHERE c.nearby = 1 ORDER BY c.sort DESC, c.id DESC`,
    )
    .all() as { person_id: number; name: string; relation: string | null; phones: string }[])
    nearby.set(c.person_id, c);
  const phone = (n: string) => (full ? n : maskPhone(n));
  return {
    year,
    cities: cities.map((c) => ({ city: c.city ?? NO_CITY, count: c.count })),
    rows: rows.map((r): RemoteRow => {
      const c = nearby.get(r.id);
      return {
        personId: r.id,
        name: r.name,
        gender: r.gender,
        age: ageOn(r.birth_date, today),
        category: r.category,
        city: r.remote_city ?? NO_CITY,
        address: r.address,
        phones: parsePhones(r.phones).map((p) => phone(p.number)),
        unit: r.remote_unit,
        unitPhone: r.remote_unit_phone,
        community: r.remote_community,
        communityPhone: r.remote_community_phone,
        police: r.remote_police,
        policePhone: r.remote_police_phone,
        nearby: c
          ? { name: c.name, relation: c.relation, phones: parsePhones(c.phones).map((p) => phone(p.number)) }
          : null,
        certifiedOn: r.certified_on,
        lastVisit: r.last_visit,
      };
    }),
  };
}

const COLUMNS: TableColumn[] = [
  SEQ_COLUMN,
  { label: '居住城市', kind: 'text', width: 12 },
  fieldColumn('name', 10),
  fieldColumn('gender', 6),
  { label: '年龄', kind: 'number', width: 6 },
  { ...fieldColumn('address', 32), wrap: true },
  { label: '本人电话', kind: 'text', width: 18 },
  { label: '当地管理单位', kind: 'text', width: 24, wrap: true },
  { label: '社区', kind: 'text', width: 24, wrap: true },
  { label: '派出所', kind: 'text', width: 22, wrap: true },
  { label: '就近照应亲属', kind: 'text', width: 26, wrap: true },
  { label: '本年资格认证', kind: 'text', width: 16 },
  { label: '最近走访', kind: 'date', width: 12 },
];

const withPhone = (name: string | null, phone: string | null) =>
  name || phone ? [name, phone].filter(Boolean).join('　') : null;

/** The list as a workbook, to send to the local units or to call round: phones masked unless `full`. */
export async function remoteResidentsWorkbook(
  store: Store,
  city: string | null,
  full: boolean,
  today = todayIso(),
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const list = remoteResidents(store, city, today, full);
  const title = `异地居住人员名单${city === null ? '' : `（${city}）`}`;
  const data = await tableWorkbook({
    name: '异地居住人员',
    title,
    subtitle: `共 ${list.rows.length} 人　${formatChineseDate(today)}`,
    orientation: 'landscape',
    columns: COLUMNS,
    rows: list.rows.map((r, i) => [
      i + 1,
      r.city,
      r.name,
      r.gender,
      r.age,
      r.address,
      r.phones.join('、') || null,
      withPhone(r.unit, r.unitPhone),
      withPhone(r.community, r.communityPhone),
      withPhone(r.police, r.policePhone),
      r.nearby
        ? withPhone(
            `${r.nearby.name}${r.nearby.relation ? `（${r.nearby.relation}）` : ''}`,
            r.nearby.phones.join('、'),
          )
        : null,
      r.certifiedOn ? `已认证 ${r.certifiedOn}` : '未认证',
      r.lastVisit,
    ]),
  });
  return { fileName: `${title}.xlsx`, count: list.rows.length, data };
}
