print("dataconnect-agent: not yet")
