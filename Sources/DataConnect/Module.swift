// DataConnect: placeholder until the module lands.
public enum DataConnectModule {}
