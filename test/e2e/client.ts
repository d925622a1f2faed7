// The code under test: imports a hosted account and retries when the vendor says to (70405).
export async function registerAccount(baseUrl: string, identifier: string, password: string): Promise<void> {
  const query = new URLSearchParams({
    sdkappid: '1400000001',
    identifier: 'administrator',
    usersig: 'any-sig-in-zero-config-mode',
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
  });
  const url = `${baseUrl}/v4/registration_service/register_account_v1?${query}`;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ Identifier: identifier, IdentifierType: 3, Password: password }),
    });
    const reply = (await res.json()) as { ErrorCode: number; ErrorInfo: string };
    if (reply.ErrorCode === 0) return;
    if (reply.ErrorCode !== 70405) throw new Error(`register_account_v1: ${reply.ErrorCode} ${reply.ErrorInfo}`);
  }
  throw new Error('register_account_v1: still 70405 after 3 attempts');
}
