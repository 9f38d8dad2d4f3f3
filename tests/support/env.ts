// Quick password hashing in tests; production uses the default cost.
process.env.BCRYPT_COST ??= "4";
