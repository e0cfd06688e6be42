// The figures of a chart as a table for screen readers (the SVG is one image to them).
export function ChartTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  /** Header of the row-label column, then of each value column. */
  columns: readonly string[];
  rows: readonly { label: string; values: readonly number[] }[];
}) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {r.values.map((v, i) => (
              <td key={columns[i + 1]}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
