// KeyVault: placeholder until the module lands.
public enum KeyVaultModule {}
