// Death registration (病故登记): the person becomes 已故 with the date (so they leave every birthday
// list, festival batch and mailing), and the office gets its checklist, each task ticked off with
// its date and operator, the payments with their amounts.
import type { DeathFile } from '../contract/visits';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { getPerson, inputOf, updatePerson } from '../retirees/persons';
import { currentOperator } from '../settings/settings';
import { DEATH_TASKS, PAID_DEATH_TASKS, type DeathTask } from '../shared/care';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { formatYuan } from '../shared/money';

/** The amount computed for a paid task (丧葬补助金, 一次性抚恤金), or null where none has been. */
function computedAmount(store: Store, personId: number, task: DeathTask): number | null {
  const b = store.first(
    store.kysely.selectFrom('death_benefits').select(['funeral_fen', 'relief_fen']).where('person_id', '=', personId),
  );
  if (!b) return null;
  return task === '丧葬补助金' ? b.funeral_fen : b.relief_fen;
}

export function getDeath(store: Store, personId: number): DeathFile | null {
  const d = store.first(
    store.kysely
      .selectFrom('deaths as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .selectAll('d')
      .select('p.name')
      .where('d.person_id', '=', personId),
  );
  if (!d) return null;
  const tasks = store.all(
    store.kysely
      .selectFrom('death_tasks')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .$narrowType<{ task: DeathTask }>(),
  );
  return {
    personId,
    name: d.name,
    diedOn: d.died_on,
    reportedBy: d.reported_by,
    note: d.note,
    registeredAt: d.registered_at,
    registeredBy: d.registered_by,
    tasks: tasks.map((t) => ({
      task: t.task,
      amountFen: t.amount_fen,
      doneOn: t.done_on,
      doneBy: t.done_by,
      note: t.note,
    })),
  };
}

export function registerDeath(
  store: Store,
  input: { personId: number; diedOn: string; reportedBy: string | null; note: string | null },
  today = todayIso(),
): DeathFile {
  return store.tx(() => {
    if (input.diedOn > today) throw new UserError('invalid_input', '去世日期不能晚于今天');
    const person = getPerson(store, input.personId);
    if (getDeath(store, input.personId)) throw new UserError('invalid_input', `${person.name}的病故已登记`);
    if (person.birthDate && input.diedOn < person.birthDate)
      throw new UserError('invalid_input', '去世日期不能早于出生日期');
    updatePerson(
      store,
      person.id,
      person.version,
      { ...inputOf(person), status: '已故', statusDate: input.diedOn },
      { acceptWarnings: true, reason: '病故登记' },
    );
    const operator = currentOperator(store);
    store
      .prepare(
        'INSERT INTO deaths (person_id, died_on, reported_by, note, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(input.personId, input.diedOn, input.reportedBy, input.note, nowIso(), operator);
    const task = store.prepare('INSERT INTO death_tasks (person_id, task) VALUES (?, ?)');
    for (const t of DEATH_TASKS) task.run(input.personId, t);
    writeAudit(store, {
      entity: 'death',
      entityId: input.personId,
      personId: input.personId,
      action: 'create',
      before: null,
      after: { diedOn: input.diedOn, reportedBy: input.reportedBy },
    });
    return getDeath(store, input.personId)!;
  });
}

export function completeDeathTask(
  store: Store,
  input: { personId: number; task: DeathTask; doneOn: string; amount: number | null; note: string | null },
): DeathFile {
  return store.tx(() => {
    const death = getDeath(store, input.personId);
    if (!death) throw new UserError('not_found', '尚未登记病故');
    const t = death.tasks.find((x) => x.task === input.task)!;
    if (t.doneOn) throw new UserError('invalid_input', `“${input.task}”已于 ${t.doneOn} 由 ${t.doneBy} 办理`);
    const paid = PAID_DEATH_TASKS.includes(input.task);
    // Where the amounts have been computed (丧葬抚恤), the payment is the amount computed: a different
    // one typed is refused, never put beside it.
    const computed = paid ? computedAmount(store, input.personId, input.task) : null;
    if (computed !== null && input.amount !== null && input.amount !== computed)
      throw new UserError(
        'invalid_input',
        `${input.task}已核定为 ${formatYuan(computed)} 元，与填写的 ${formatYuan(input.amount)} 元不符；如需更改，请重新核算`,
      );
    const amount = computed ?? input.amount;
    if (paid && (amount === null || amount <= 0)) throw new UserError('invalid_input', `请填写${input.task}的金额`);
    if (input.doneOn < death.diedOn) throw new UserError('invalid_input', '办理日期不能早于去世日期');
    store
      .prepare(
        'UPDATE death_tasks SET done_on = ?, done_by = ?, amount_fen = ?, note = ? WHERE person_id = ? AND task = ?',
      )
      .run(input.doneOn, currentOperator(store), paid ? amount : null, input.note, input.personId, input.task);
    writeAudit(store, {
      entity: 'death',
      entityId: input.personId,
      personId: input.personId,
      action: 'update',
      before: { [input.task]: null },
      after: { [input.task]: input.doneOn, ...(paid ? { amountFen: amount } : {}) },
    });
    return getDeath(store, input.personId)!;
  });
}
