// The contract of petitions (信访接待): registration, the steps of its handling, the register and
// attachments.
import { z } from 'zod';
import { fullDate, optionalFullDate } from '../shared/dateSchemas';
import { PETITION_CHANNELS, type PetitionStatus, SATISFACTION } from '../shared/petitions';
import {
  AttachInput,
  ById,
  Empty,
  type PrintableView,
  type RecordAttachment,
  id,
  method,
  optionalId,
  reasonText,
  text,
} from './common';

export const PetitionInput = z.object({
  receivedOn: fullDate('收到日期'),
  channel: z.enum(PETITION_CHANNELS, { error: '请选择信访方式' }),
  /** A retiree on file; or null, and the petitioner's name. */
  personId: optionalId,
  petitioner: text(50),
  relation: text(20),
  phone: text(40),
  subject: z.string({ error: '请填写事由' }).trim().min(1, '请填写事由').max(100),
  content: z.string({ error: '请填写内容' }).trim().min(1, '请填写内容').max(10000),
  handler: text(50),
});
export type PetitionInput = z.output<typeof PetitionInput>;

export interface Petition {
  id: number;
  version: number;
  receivedOn: string;
  channel: (typeof PETITION_CHANNELS)[number];
  personId: number | null;
  petitioner: string;
  relation: string | null;
  phone: string | null;
  subject: string;
  content: string;
  handler: string | null;
  status: PetitionStatus;
  acceptedOn: string | null;
  rejectedReason: string | null;
  extensionDays: number | null;
  extensionReason: string | null;
  concludedOn: string | null;
  result: string | null;
  satisfaction: (typeof SATISFACTION)[number] | null;
  createdAt: string;
  createdBy: string;
  acceptBy: string;
  concludeBy: string | null;
  overdue: boolean;
}

export type PetitionAttachment = RecordAttachment;

export const petitionsMethods = {
  'petitions.list': method<Petition[]>()(
    z.object({
      personId: optionalId,
      from: optionalFullDate('起始日期'),
      to: optionalFullDate('截止日期'),
      openOnly: z.boolean().default(false),
    }),
    'read',
  ),
  'petitions.overdue': method<Petition[]>()(Empty, 'read'),
  'petitions.get': method<Petition>()(ById, 'read'),
  'petitions.create': method<Petition>()(PetitionInput, 'files.write'),
  'petitions.advance': method<Petition>()(
    z.object({
      id,
      version: z.number().int().positive(),
      step: z.discriminatedUnion('step', [
        z.object({ step: z.literal('accept'), on: fullDate('受理日期') }),
        z.object({ step: z.literal('reject'), on: fullDate('告知日期'), reason: reasonText('不予受理的理由') }),
        z.object({ step: z.literal('extend'), days: z.number().int(), reason: reasonText('延期理由') }),
        z.object({
          step: z.literal('conclude'),
          on: fullDate('办结日期'),
          result: reasonText('办理结果'),
          satisfaction: z.enum(SATISFACTION).nullable(),
        }),
      ]),
    }),
    'files.write',
  ),
  'petitions.register': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({ from: fullDate('起始日期'), to: fullDate('截止日期') }),
    'files.export',
    { access: 'export', what: '导出信访登记簿' },
  ),
  'petitions.attachments': method<PetitionAttachment[]>()(ById, 'read'),
  'petitions.attach': method<PetitionAttachment>()(AttachInput, 'files.write'),
  'petitions.attachment': method<PetitionAttachment & { dataBase64: string }>()(ById, 'read'),
  'petitions.registerPrint': method<PrintableView>()(
    z.object({ from: fullDate('起始日期'), to: fullDate('截止日期') }),
    'read',
    { access: 'print', what: '打印信访登记簿' },
  ),
} as const;
