// Shared geometry of the dashboard's SVG charts: a fixed viewBox scaled to the card's width by
// CSS classes (no inline styles: the CSP allows none, see lib/http/security-headers.ts).
export const CHART_WIDTH = 640;

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function chartArea(height: number, margin: ChartMargin) {
  return {
    innerWidth: CHART_WIDTH - margin.left - margin.right,
    innerHeight: height - margin.top - margin.bottom,
  };
}

export const formatCount = (n: number): string => n.toLocaleString('en-GB');
