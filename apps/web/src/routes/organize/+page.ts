// The invitation's secret is in the address's fragment, which only the browser sees.
export const ssr = false;
