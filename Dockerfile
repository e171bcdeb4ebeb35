# syntax=docker/dockerfile:1
# peyvand: a static binary on a minimal, non-root image. The database lives
# on the /data volume; an empty volume is seeded from the embedded sample
# corpus on first start.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/peyvand ./cmd/peyvand \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/peyvand /usr/local/bin/peyvand
COPY --from=build --chown=65532:65532 /out/data /data
ENV PEYVAND_DB=/data/peyvand.db
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/peyvand", "health", "--health-url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/peyvand"]
CMD ["serve", "--http", ":8080"]
