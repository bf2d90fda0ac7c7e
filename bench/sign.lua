-- wrk script: POST a 32-byte digest to the sign operation (RS256).
wrk.method = "POST"
wrk.body = '{"alg":"RS256","value":"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
