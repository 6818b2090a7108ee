// Letters, envelopes and labels on paper: the printable the main process made (its style sheet and
// its markup, every piece of data already escaped there), shown alone and printed. A letter is
// logged when it is printed, not when it is previewed.
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PrintableView } from '../../src-main/api/contract';
import type { LetterKind } from '../../src-main/shared/letters';
import { call } from '../api';

function who(params: URLSearchParams) {
  const batch = params.get('batch');
  return {
    personIds: (params.get('people') ?? '').split(',').filter(Boolean).map(Number),
    visitBatchId: batch ? Number(batch) : null,
  };
}

/** Documents the main process makes, by the address they print at (#/print/<kind>). */
export const PRINT_DOCS = ['letters', 'envelopes', 'adjustments', 'contacts', 'register'] as const;
export type PrintDocKind = (typeof PRINT_DOCS)[number];

export function PrintDocPage({ kind, params }: { kind: PrintDocKind; params: URLSearchParams }) {
  const [doc, setDoc] = useState<PrintableView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const letterKind = params.get('kind') as LetterKind | null;
  const render = async (print: boolean) => {
    if (kind === 'letters')
      return call('letters.render', {
        kind: letterKind ?? 'sympathy',
        ...who(params),
        paper: params.get('paper') === '16K' ? '16K' : 'A4',
        visitDate: params.get('visitDate'),
        gift: params.get('gift'),
        print,
      });
    if (kind === 'register') return call('petitions.registerPrint', { from: params.get('from') ?? '', to: params.get('to') ?? '' });
    if (kind === 'contacts') return call('org.contactSheet', { ref: JSON.parse(params.get('ref') ?? '{}'), tree: params.get('tree') === '1' });
    if (kind === 'adjustments') return call('adjustments.notices', { runId: Number(params.get('run')), rowIds: (params.get('rows') ?? '').split(',').filter(Boolean).map(Number) });
    return call('letters.envelopes', {
      ...who(params),
      size: params.get('size') === 'C5' ? 'C5' : params.get('sheet') ? null : 'DL',
      sheet: params.get('sheet') === '3x8' ? '3x8' : params.get('sheet') === '2x7' ? '2x7' : null,
      toFamily: params.get('toFamily') === '1',
    });
  };
  useEffect(() => {
    render(false).then(setDoc, (e: Error) => setError(e.message));
    // The address is the whole input: a new address is a new document.
  }, [params.toString(), kind]);

  const print = async () => {
    setBusy(true);
    try {
      // Printing letters logs them (who got which letter, when, printed by whom).
      if (kind === 'letters') await render(true);
      window.print();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (error)
    return (
      <Alert color="red" m="xl" title="无法打印">
        {error}
        <Group mt="md">
          <Button variant="default" onClick={() => window.history.back()}>
            返回
          </Button>
        </Group>
      </Alert>
    );
  if (!doc) return <Loader m="xl" />;
  return (
    <>
      <Stack className="no-print" p="md" gap="xs">
        <Group>
          <Button onClick={print} loading={busy}>
            {kind === 'contacts' ? `打印（${doc.count} 人）` : kind === 'register' ? `打印（${doc.count} 件）` : `打印（共 ${doc.count} ${kind === 'letters' ? '封' : '份'}）`}
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
        {doc.missing.length > 0 && (
          <Alert color="orange" title={`以下 ${doc.missing.length} 人未列入`}>
            {doc.missing.map((m) => `${m.name}（${m.why}）`).join('、')}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          在打印对话框中选择打印机，或选择“另存为 PDF”。
        </Text>
      </Stack>
      <style>{doc.css}</style>
      {/* The markup is the main process's, built with every value escaped (tests/letters.test.ts). */}
      <div className="printable" dangerouslySetInnerHTML={{ __html: doc.body }} />
    </>
  );
}
