// The pager of paged lists (leads, inbound messages): "51–100 sur 1 234", previous and next.
import { formatInteger } from "./format";
import { list } from "./i18n";

export type PageState = {
  /** Index of the first item shown. */
  offset: number;
  /** Items on the page shown (0 before the first answer). */
  shown: number;
  total: number;
  pageSize: number;
  /** The backend stopped counting at `total`: there may be more. */
  capped?: boolean;
};

export type PagerView = { text: string | null; hasPrev: boolean; hasNext: boolean };

/** What the pager shows; `text` is null when the page is empty (the caller says "0 lead"…). */
export function pagerView({ offset, shown, total, pageSize, capped = false }: PageState): PagerView {
  const totalText = capped ? list.moreThan(formatInteger(total)) : formatInteger(total);
  return {
    text: shown === 0 ? null : list.range(offset + 1, offset + shown, totalText),
    hasPrev: offset > 0,
    hasNext: offset + shown < total || (capped && shown === pageSize),
  };
}
