// Hash routes: #/ (首页), #/people?… (人员档案 with its filters), #/people/new, #/people/12,
// #/settings. The hash keeps the page across a reload and works under app:// and http://.
import { useMemo, useSyncExternalStore } from 'react';

export interface Route {
  path: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [p, q = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: p.split('/').filter(Boolean), params: new URLSearchParams(q) };
}

export function navigate(path: string, params?: Record<string, string | string[] | undefined>): void {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else if (v !== undefined && v !== '') sp.set(k, v);
  }
  const q = sp.toString();
  window.location.hash = `#${path}${q ? `?${q}` : ''}`;
}

const onHashChange = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/**
 * The address shown, read again on every `hashchange` that reaches the page (the leave guard stops
 * the ones it puts back, kit/leaveGuard.tsx).
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(onHashChange, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}
