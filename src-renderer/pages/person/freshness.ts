// Reads that other pages change as well (the organisation page adds a unit, an import or the
// network's 编入 changes people): while pages still write through plain `call` without declaring
// what they make stale, these are read again whenever a page that shows them opens, the cached
// copy showing meanwhile. Local database, small replies: the read costs nothing a clerk would see.
export const READ_ON_OPEN = { staleTime: 0 } as const;
