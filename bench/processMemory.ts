// Memory of another process, from Linux's /proc (proc(5)): its resident set now (VmRSS) and
// its peak (VmHWM), in bytes; null once it is gone or where /proc is not there.
import fs from 'node:fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const residentBytes = (pid: number) => statusField(pid, 'VmRSS');
export const peakResidentBytes = (pid: number) => statusField(pid, 'VmHWM');
