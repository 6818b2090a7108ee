// 药费报销: the claims, their batches, each person's year, the policies, the simulation and the
// year's figures, one tab each; the address says which (#/claims/batches, #/claims/12, …).
import { Tabs } from '@mantine/core';
import { navigate } from '../../route';
import { Can, NoPermission } from '../../kit/operator';
import { BatchesTab } from './BatchesTab';
import { ClaimDetail } from './ClaimDetail';
import { ClaimForm } from './ClaimForm';
import { ClaimsList } from './ClaimsList';
import { PoliciesTab } from './PoliciesTab';
import { ReportsTab } from './ReportsTab';
import { SimulationTab } from './SimulationTab';
import { StatementTab } from './StatementTab';

const TABS = [
  ['list', '报销单'],
  ['batches', '发放批次'],
  ['statement', '个人年度结算'],
  ['policies', '报销政策'],
  ['simulate', '政策测算'],
  ['reports', '统计报表'],
] as const;

export function ClaimsPage({ path, params }: { path: string[]; params: URLSearchParams }) {
  const [sub, id] = path;
  const tab = TABS.some(([k]) => k === sub) ? sub : 'list';
  let body;
  // The forms reached by a link: a role that may not register or change a claim is told so.
  if (sub === 'new')
    body = (
      <Can method="claims.create" otherwise={<NoPermission what="登记报销单" />}>
        <ClaimForm key="new" claim={null} personId={params.get('person') ? Number(params.get('person')) : null} />
      </Can>
    );
  else if (sub === 'edit' && id)
    body = (
      <Can method="claims.update" otherwise={<NoPermission what="修改报销单" />}>
        <ClaimForm key={`edit-${id}`} claim={Number(id)} personId={null} />
      </Can>
    );
  else if (sub && /^\d+$/.test(sub)) body = <ClaimDetail key={sub} id={Number(sub)} />;
  else if (tab === 'batches') body = <BatchesTab id={id ? Number(id) : null} />;
  else if (tab === 'statement') body = <StatementTab params={params} />;
  else if (tab === 'policies') body = <PoliciesTab />;
  else if (tab === 'simulate') body = <SimulationTab />;
  else if (tab === 'reports') body = <ReportsTab />;
  else body = <ClaimsList params={params} />;
  return (
    <>
      <Tabs value={tab} onChange={(v) => navigate(v === 'list' ? '/claims' : `/claims/${v}`)}>
        <Tabs.List>
          {TABS.map(([k, label]) => (
            <Tabs.Tab key={k} value={k} fz="md">
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {body}
    </>
  );
}
