// Storage: placeholder until the module lands.
public enum StorageModule {}
