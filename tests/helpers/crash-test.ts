// Lock and stall settings for crash tests, the same on every worker (the killed one and the
// survivor): recovery then takes about lockDuration + stalledInterval, not a minute.
export const CRASH_TEST_WORKER_OPTIONS = { lockDuration: 2_000, stalledInterval: 1_000 } as const;
