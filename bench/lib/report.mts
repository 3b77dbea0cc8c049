// One line per figure: what we measured, what PostgreSQL (or the stated baseline) does in the same run,
// the ratio, the target and whether it is met. Printed as it comes, and as a Markdown table at the end.
export interface Figure {
  scenario: string;
  figure: string;
  /** What the figure is compared with, measured in the same run. */
  baseline: string;
  /** figure / baseline, as the target states it (e.g. "0.41" or "97 %"). */
  ratio: string;
  target: string;
  met: boolean | null;
  note?: string;
}

export class Report {
  readonly figures: Figure[] = [];
  private readonly say: (line: string) => void;

  constructor(say: (line: string) => void) {
    this.say = say;
  }

  add(figure: Figure): void {
    this.figures.push(figure);
    const verdict = figure.met === null ? 'info' : figure.met ? 'MET' : 'MISSED';
    this.say(`  => ${figure.scenario}: ${figure.figure} | baseline ${figure.baseline} | ratio ${figure.ratio} | target ${figure.target} | ${verdict}${figure.note ? ` (${figure.note})` : ''}`);
  }

  markdown(): string {
    const rows = this.figures.map((f) => `| ${f.scenario} | ${f.figure} | ${f.baseline} | ${f.ratio} | ${f.target} | ${f.met === null ? '—' : f.met ? 'yes' : '**no**'} |`);
    return ['| scenario | figure | PostgreSQL / baseline (same run) | ratio | target | met? |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  }
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const pct = (n: number) => `${fmt(n * 100, 1)} %`;
