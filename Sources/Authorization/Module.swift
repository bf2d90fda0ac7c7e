// Authorization: placeholder until the module lands.
public enum AuthorizationModule {}
