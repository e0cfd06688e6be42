// Builds the next/previous links of a keyset pager. The cursor travels in the URL (`?after=` or
// `?before=`), every other search parameter is kept, and the opposite direction is dropped so a
// URL never carries both.
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export type PagerDirection = 'after' | 'before';

export function buildPagerHref(
  pathname: string,
  current: SearchParamsRecord,
  direction: PagerDirection,
  cursor: string,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(current)) {
    if (key === 'after' || key === 'before' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  params.set(direction, cursor);
  return `${pathname}?${params.toString()}`;
}

/** The first value of a search parameter (Next gives arrays for repeated keys). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
