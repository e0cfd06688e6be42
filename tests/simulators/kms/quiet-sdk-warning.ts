// Test setup only: the AWS SDK emits a one-time NodeVersionSupportWarning on Node 20 (it will need
// Node 22 from 2027). The SDK reads this switch from the environment alone — no client option
// turns it off — so tests that build a KMSClient import this module first to keep output clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export {};
