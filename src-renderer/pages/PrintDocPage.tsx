// Letters, envelopes and labels on paper: the printable the main process made (its style sheet and
// its markup, every piece of data already escaped there), shown alone and printed. A letter is
// logged when it is printed, not when it is previewed.
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import type { PrintableView } from '../../src-main/contract/common';
import type { DocumentKind } from '../../src-main/contract/office';
import type { InputOf, MethodName } from '../../src-main/contract';
import type { LetterKind } from '../../src-main/shared/letters';
import { useRpc, useRpcMutation } from '../kit/rpc';

function who(params: URLSearchParams) {
  const batch = params.get('batch');
  return {
    personIds: (params.get('people') ?? '').split(',').filter(Boolean).map(Number),
    visitBatchId: batch ? Number(batch) : null,
  };
}

/** Documents the main process makes, by the address they print at (#/print/<kind>). */
export const PRINT_DOCS = [
  'letters',
  'envelopes',
  'adjustments',
  'contacts',
  'register',
  'dues',
  'handover',
  'aid-register',
  'privacy-rules',
  'privacy-assessment',
  'chart',
  'upward',
  'survivor-allowance',
  'survivor-letters',
  'sign-in',
  'minutes',
  'study-branches',
  'plan',
  'documents',
] as const;
export type PrintDocKind = (typeof PRINT_DOCS)[number];

/** A call of the contract whose reply is a printable. */
interface DocRequest {
  method: MethodName;
  input: InputOf<MethodName>;
}
const request = <M extends MethodName>(method: M, input: InputOf<M>): DocRequest => ({ method, input });

const lettersInput = (params: URLSearchParams, print: boolean): InputOf<'letters.render'> => ({
  kind: (params.get('kind') as LetterKind | null) ?? 'sympathy',
  ...who(params),
  paper: params.get('paper') === '16K' ? '16K' : 'A4',
  visitDate: params.get('visitDate'),
  gift: params.get('gift'),
  print,
});

const survivorLettersInput = (params: URLSearchParams, print: boolean): InputOf<'survivors.letters'> => ({
  kind: (params.get('kind') as LetterKind | null) ?? 'festival',
  survivorIds: (params.get('survivors') ?? '').split(',').filter(Boolean).map(Number),
  visitBatchId: params.get('batch') ? Number(params.get('batch')) : null,
  gift: params.get('gift'),
  print,
});

/** What each document is, read from its address: the address is the whole input. */
function docRequest(kind: PrintDocKind, params: URLSearchParams): DocRequest {
  switch (kind) {
    case 'letters':
      return request('letters.render', lettersInput(params, false));
    case 'privacy-rules':
      return request('privacy.rulesPrint', {});
    case 'privacy-assessment':
      return request('privacy.assessmentPrint', { id: Number(params.get('id')) });
    case 'chart':
      return request('statistics.chartPrint', {
        chart: params.get('chart') as InputOf<'statistics.chartPrint'>['chart'],
        asOf: params.get('asOf') ?? '',
        year: Number(params.get('year')),
      });
    case 'upward':
      return request('statistics.reportPrint', {
        report: (params.get('report') ?? '') as InputOf<'statistics.reportPrint'>['report'],
        year: Number(params.get('year')),
      });
    case 'dues':
      return request('dues.registerPrint', {
        branchId: Number(params.get('branch')),
        year: Number(params.get('year')),
      });
    case 'handover':
      return request('handover.rosterPrint', {
        id: Number(params.get('project')),
        community: params.get('community'),
      });
    case 'aid-register':
      return request('aid.registerPrint', { year: Number(params.get('year')) });
    case 'plan':
      return request('plan.print', { year: Number(params.get('year')) });
    case 'documents':
      return request('documents.print', {
        year: Number(params.get('year')),
        kind: (params.get('kind') as DocumentKind | null) ?? null,
        text: params.get('q') || null,
      });
    case 'survivor-letters':
      return request('survivors.letters', survivorLettersInput(params, false));
    case 'survivor-allowance':
      return request('survivors.allowancePrint', { month: params.get('month') ?? '' });
    case 'sign-in':
      return request('activities.signInSheet', { id: Number(params.get('activity')), blankRows: 8 });
    case 'minutes':
      return request('activities.minutesPrint', { id: Number(params.get('activity')) });
    case 'study-branches':
      return request('materials.branchListPrint', { id: Number(params.get('material')) });
    case 'register':
      return request('petitions.registerPrint', { from: params.get('from') ?? '', to: params.get('to') ?? '' });
    case 'contacts':
      return request('org.contactSheet', {
        ref: JSON.parse(params.get('ref') ?? '{}'),
        tree: params.get('tree') === '1',
      });
    case 'adjustments':
      return request('adjustments.notices', {
        runId: Number(params.get('run')),
        rowIds: (params.get('rows') ?? '').split(',').filter(Boolean).map(Number),
      });
    case 'envelopes':
      return request('letters.envelopes', {
        ...who(params),
        size: params.get('size') === 'C5' ? 'C5' : params.get('sheet') ? null : 'DL',
        sheet: params.get('sheet') === '3x8' ? '3x8' : params.get('sheet') === '2x7' ? '2x7' : null,
        toFamily: params.get('toFamily') === '1',
      });
  }
}

export function PrintDocPage({ kind, params }: { kind: PrintDocKind; params: URLSearchParams }) {
  const req = docRequest(kind, params);
  // Paper shows what is on file at the moment it is printed: read afresh each time, never cached.
  const doc = useRpc(req.method, req.input, { staleTime: 0, gcTime: 0 });
  // Printing letters logs them (who got which letter, when, printed by whom), then prints.
  const logLetters = useRpcMutation('letters.render', {
    invalidates: ['letters.log'],
    onSuccess: () => window.print(),
  });
  const logSurvivorLetters = useRpcMutation('survivors.letters', {
    invalidates: ['survivors.get'],
    onSuccess: () => window.print(),
  });
  const print = () =>
    kind === 'letters'
      ? logLetters.mutate(lettersInput(params, true))
      : kind === 'survivor-letters'
        ? logSurvivorLetters.mutate(survivorLettersInput(params, true))
        : window.print();

  if (doc.error)
    return (
      <Alert color="red" m="xl" title="无法打印">
        {doc.error.message}
        <Group mt="md">
          <Button variant="default" onClick={() => window.history.back()}>
            返回
          </Button>
        </Group>
      </Alert>
    );
  if (!doc.data) return <Loader m="xl" />;
  // Every request above is answered with a printable.
  const view = doc.data as PrintableView;
  return (
    <>
      <Stack className="no-print" p="md" gap="xs">
        <Group>
          <Button onClick={print} loading={logLetters.isPending || logSurvivorLetters.isPending}>
            {kind === 'upward' || kind === 'chart' || kind === 'minutes'
              ? '打印'
              : kind === 'plan'
                ? `打印（${view.count} 项）`
                : kind === 'sign-in'
                  ? `打印（应到 ${view.count} 人）`
                  : kind === 'study-branches'
                    ? `打印（${view.count} 个支部）`
                    : kind === 'contacts' || kind === 'dues' || kind === 'handover'
                      ? `打印（${view.count} 人）`
                      : kind === 'register' || kind === 'aid-register' || kind === 'documents'
                        ? `打印（${view.count} 件）`
                        : kind === 'survivor-allowance'
                          ? `打印（${view.count} 人）`
                          : `打印（共 ${view.count} ${kind === 'letters' || kind === 'survivor-letters' ? '封' : '份'}）`}
          </Button>
          <Button variant="default" onClick={() => window.history.back()}>
            返回
          </Button>
          {kind === 'letters' && (
            <SegmentedControl
              aria-label="纸张"
              data={[
                { value: 'A4', label: 'A4 纸' },
                { value: '16K', label: '16 开' },
              ]}
              value={params.get('paper') === '16K' ? '16K' : 'A4'}
              onChange={(paper) => {
                const next = new URLSearchParams(params);
                next.set('paper', paper);
                window.location.hash = `#/print/letters?${next.toString()}`;
              }}
            />
          )}
        </Group>
        {view.missing.length > 0 && (
          <Alert color="orange" title={`以下 ${view.missing.length} 人未列入`}>
            {view.missing.map((m) => `${m.name}（${m.why}）`).join('、')}
          </Alert>
        )}
        <Text c="dimmed">在打印对话框中选择打印机，或选择“另存为 PDF”。</Text>
      </Stack>
      <style>{view.css}</style>
      {/* The markup is the main process's, built with every value escaped (tests/letters.test.ts). */}
      <div className="printable" dangerouslySetInnerHTML={{ __html: view.body }} />
    </>
  );
}
