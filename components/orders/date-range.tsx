// A labelled pair of date boxes for a GET filter form: the legend is shown, each box is named
// "<legend> from" / "<legend> to" for assistive technology (and the e2e tests).
import { Input } from '@/components/ui/input.tsx';

type Box = readonly [name: string, value: string | undefined];

export function DateRange({ legend, from, to }: { legend: string; from: Box; to: Box }) {
  return (
    <fieldset className="flex items-center gap-1.5">
      <legend className="float-left mr-1.5 text-ink-muted">{legend}</legend>
      <Input
        name={from[0]}
        type="date"
        defaultValue={from[1]}
        aria-label={`${legend} from`}
        className="w-36"
      />
      <span aria-hidden className="text-ink-muted">
        –
      </span>
      <Input name={to[0]} type="date" defaultValue={to[1]} aria-label={`${legend} to`} className="w-36" />
    </fieldset>
  );
}
