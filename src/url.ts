/** A request URL's path without its query, which is where the usersig travels. */
export const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

/** The host a client on this machine reaches a server bound to `host` at, ready for a URL. */
export const reachableHost = (host: string): string => {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return reachable.includes(':') ? `[${reachable}]` : reachable;
};
