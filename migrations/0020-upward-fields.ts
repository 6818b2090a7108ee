// The fields the upward tables need (issue 19 item 5), on the person's file:
// - 单位性质 (unit_nature): 机关, 事业 or 企业, the nature of the unit the person retired from;
// - 职级 (rank): the nine ranks of the 退休干部基本情况统计表, 正省部级 … 科员办事员及其他;
// - 现享受待遇 (treatment) with its 批准时间 (treatment_approved_on, a date as partial as the file's
//   others) and 批准文号 (treatment_approval_no);
// - 统计标志 (counted): 1 when the person is counted in the tables sent upward, 0 when not (a file
//   the office keeps for another unit, say); every existing file is counted;
// - 层级 (level): the level the person is reported under (集团本部, 二级单位 …), in the office's words.
// 参加革命工作时间 is the file's work_start_date; 生活不能自理 comes from care_disability.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('persons')
    .addColumn('unit_nature', 'text', (c) => c.check(sql`unit_nature IN ('机关', '事业', '企业')`))
    .execute();
  await db.schema
    .alterTable('persons')
    .addColumn('rank', 'text', (c) =>
      c.check(
        sql`rank IN ('正省部级', '副省部级', '正厅局级', '副厅局级', '正县处级', '副县处级', '正乡科级', '副乡科级', '科员办事员及其他')`,
      ),
    )
    .execute();
  await db.schema.alterTable('persons').addColumn('treatment', 'text').execute();
  await db.schema.alterTable('persons').addColumn('treatment_approved_on', 'text').execute();
  await db.schema.alterTable('persons').addColumn('treatment_approval_no', 'text').execute();
  await db.schema
    .alterTable('persons')
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1).check(sql`counted IN (0, 1)`))
    .execute();
  await db.schema.alterTable('persons').addColumn('level', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'level',
    'counted',
    'treatment_approval_no',
    'treatment_approved_on',
    'treatment',
    'rank',
    'unit_nature',
  ])
    await db.schema.alterTable('persons').dropColumn(column).execute();
}
