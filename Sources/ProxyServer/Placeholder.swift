// ProxyServer
