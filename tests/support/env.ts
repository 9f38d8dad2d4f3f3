// Quick password hashing in tests (honoured only under NODE_ENV=test); elsewhere OWASP's argon2id cost.
process.env.ARGON2_MEMORY_KIB ??= "64";
process.env.ARGON2_TIME_COST ??= "1";
