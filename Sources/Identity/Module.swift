// Identity: placeholder until the module lands.
public enum IdentityModule {}
