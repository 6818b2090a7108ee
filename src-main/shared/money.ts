// Money is integer fen (分), never a float: typed as yuan text (`1,234.50`), read from a ledger's
// cells, shown as `1,234.50`, and printed in capital numerals (金额大写) the way finance offices
// write them on vouchers (中国人民银行《支付结算办法》附件一: 零 where the yuan's last digit or the
// jiao is 0 and something follows; 整 after 元 when there are no jiao or fen, and after 角 when
// there are no fen, where the rules allow it and it leaves no room to add any).
import { UserError } from './errors';

const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** `1,234.50`, `￥1234.5`, `１２３４` → fen. Refuses anything that is not an amount to the fen. */
export function parseYuan(text: string): number {
  const cleaned = text
    .replace(/[\uFF10-\uFF19\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，￥¥]|元$/g, '');
  const m = YUAN_TEXT.exec(cleaned);
  if (!m) throw new UserError('invalid_amount', `金额“${text}”格式不正确，请填写元，最多两位小数，如 1,234.50`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new UserError('invalid_amount', `金额“${text}”过大`);
  return m[1] ? -fen : fen;
}

/**
 * A spreadsheet cell's amount in fen. Excel keeps 146.35 as the nearest binary fraction; the cell
 * is an amount to the fen only if that fraction is (to within a millionth of a fen) a whole
 * number of fen, which is then exact. Anything else (146.355, text) is refused.
 */
export function fenFromCell(value: unknown): number {
  if (typeof value === 'string') return parseYuan(value);
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UserError('invalid_amount', `金额“${String(value ?? '')}”不是数字`);
  const fen = Math.round(value * 100);
  if (Math.abs(fen - value * 100) > 1e-6 || !Number.isSafeInteger(fen)) {
    throw new UserError('invalid_amount', `金额 ${value} 不是精确到分的金额`);
  }
  return fen;
}

/** 123456 → `1,234.56`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const yuan = whole < 1000 ? String(whole) : String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** A whole number of yuan in capitals: 1005 → 壹仟零伍, 100010000 → 壹亿零壹万. */
function capitalInteger(n: number): string {
  const digits = String(n);
  let out = '';
  let zero = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const power = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) zero = out !== '';
    else {
      if (zero) out += '零';
      out += DIGITS[d] + PLACES[power % 4];
      zero = false;
      groupHasDigit = true;
    }
    if (power % 4 === 0 && power > 0) {
      // 万 and 亿 close their group: its trailing zeros need no 零 (105000 壹拾万伍仟), but a
      // group of zeros does (100005000 壹亿零伍仟).
      if (groupHasDigit) {
        out += GROUPS[power / 4];
        zero = false;
      }
      groupHasDigit = false;
    }
  }
  return out || '零';
}

/** 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分; 1000 → 壹拾元整; 5 → 伍分. */
export function capitalYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a fen amount: ${fen}`);
  if (fen < 0) return `负${capitalYuan(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? `${capitalInteger(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out || '零元'}整`;
  if (yuan > 0 && (yuan % 10 === 0 || jiao === 0)) out += '零';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  out += cents > 0 ? `${DIGITS[cents]}分` : '整';
  return out;
}

/** Basis points as staff write a percentage: 8500 → `85`, 9250 → `92.5`, 120 → `1.2` (no % sign). */
export function bpText(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** A percentage as typed, up to two decimals, to basis points without floats: `85` → 8500, `92.5` → 9250; null if it is not one (or over 100). */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}
