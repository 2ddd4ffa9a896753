/** One bar of a BarChart. */
export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** The language of the label, when it is event content. */
  lang?: string;
}
