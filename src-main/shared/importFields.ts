// The fields of the lists other than the roster, and their Chinese names: pure, so the renderer's
// mapping step can offer them (the grammar that recognises them is in importer/grammar.ts).

export const LEDGER_FIELDS = ['name', 'idNumber', 'visitDate', 'hospital', 'kind', 'invoiceCode', 'invoiceNo', 'total', 'fund', 'account', 'self', 'eligible', 'paid'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const LEDGER_FIELD_NAMES: Record<LedgerField, string> = {
  name: '姓名', idNumber: '身份证号', visitDate: '就医日期', hospital: '医疗机构', kind: '费用类别', invoiceCode: '票据代码', invoiceNo: '票据号',
  total: '医疗总费用', fund: '基金支付', account: '个人账户', self: '现金支付', eligible: '符合报销金额', paid: '实报金额',
};

export const ADJUSTMENT_FIELDS = ['name', 'idNumber', 'old', 'new', 'increase'] as const;
export type AdjustmentField = (typeof ADJUSTMENT_FIELDS)[number];

export const ADJUSTMENT_FIELD_NAMES: Record<AdjustmentField, string> = { name: '姓名', idNumber: '身份证号', old: '调整前养老金', new: '调整后养老金', increase: '调整额' };
