// The contract between the renderer and the main process: every method the renderer may call, the
// zod schema its input must pass, and the type of what it returns. Each domain states its own
// methods in its file here; this table joins them (as Actual's types/handlers.d.ts joins its
// handler types). It imports only shared/ and zod, so the renderer imports it too. One contract,
// three transports: Electron IPC, the browser harness's POST /rpc, and direct calls from the CLI
// and the tests.
import type { z } from 'zod';
import { accessLogMethods } from './accessLog';
import { activitiesMethods } from './activities';
import { adjustmentsMethods } from './adjustments';
import { aidMethods } from './aid';
import { appMethods } from './app';
import { claimsMethods } from './claims';
import { deathBenefitsMethods } from './deathBenefits';
import { duesMethods } from './dues';
import { exportTemplatesMethods } from './exportTemplates';
import { handoverMethods } from './handover';
import { importsMethods } from './imports';
import { lettersMethods } from './letters';
import { officeMethods } from './office';
import { operatorsMethods } from './operators';
import { orgMethods } from './org';
import { paymentsMethods } from './payments';
import { petitionsMethods } from './petitions';
import { privacyMethods } from './privacy';
import { retireesMethods } from './retirees';
import { statisticsMethods } from './statistics';
import { staysMethods } from './stays';
import { survivorsMethods } from './survivors';
import { visitsMethods } from './visits';

export const contract = {
  ...appMethods,
  ...operatorsMethods,
  ...retireesMethods,
  ...orgMethods,
  ...duesMethods,
  ...handoverMethods,
  ...importsMethods,
  ...claimsMethods,
  ...paymentsMethods,
  ...visitsMethods,
  ...staysMethods,
  ...deathBenefitsMethods,
  ...aidMethods,
  ...survivorsMethods,
  ...lettersMethods,
  ...petitionsMethods,
  ...adjustmentsMethods,
  ...activitiesMethods,
  ...officeMethods,
  ...privacyMethods,
  ...statisticsMethods,
  ...accessLogMethods,
  ...exportTemplatesMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
