using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Secrets;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LocalSecretStoreIntegrationTests(AzuriteFixture azurite) : IDisposable
{
    private const string Value = "shipstation-api-secret-Zq8!x0-plaintext";
    private const string Name = "conn-acme-shipstation-api-secret";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "mlconnector-tests", Guid.NewGuid().ToString("N"));
    private readonly TableProvider _tables = azurite.NewTables();
    private readonly FakeLogger<LocalSecretStore> _logger = new();

    private string KeyDirectory => Path.Combine(_root, "keys");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task SetAsync_StoredRow_HoldsCiphertextNotPlaintext()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.SetAsync(Name, Value);

        // Assert
        var table = await _tables.GetTableAsync(_tables.Names.Secrets);
        var row = Assert.Single(await ReadAllAsync(table));
        Assert.Equal((Name, "current"), (row.PartitionKey, row.RowKey));
        var ciphertext = row.GetBinary("Ciphertext");
        Assert.NotNull(ciphertext);
        Assert.True(ciphertext.Length > Encoding.UTF8.GetByteCount(Value));
        Assert.Equal(-1, ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Value)));
        foreach (var (key, property) in row)
        {
            var text = property switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes),
                _ => Convert.ToString(property, CultureInfo.InvariantCulture) ?? string.Empty,
            };
            Assert.False(text.Contains(Value, StringComparison.Ordinal), $"Property {key} holds the plaintext.");
        }
    }

    [Fact]
    public async Task GetAsync_NewStoreOverSameKeyDirectory_ReadsValueBack()
    {
        // Arrange: the first store writes, then "the process restarts": new key-ring provider, new table provider.
        await CreateSut().SetAsync(Name, Value);
        var restartedTables = new TableProvider(azurite.TableService, _tables.Names);
        var sut = CreateSut(tables: restartedTables);

        // Act
        var read = await sut.GetAsync(Name);

        // Assert
        Assert.Equal(Value, read);
        Assert.NotEmpty(Directory.GetFiles(KeyDirectory, "key-*.xml"));
    }

    [Fact]
    public async Task GetAsync_StoreWithOtherKeyRing_ThrowsConnectorAuthExceptionWithoutValue()
    {
        // Arrange
        await CreateSut().SetAsync(Name, Value);
        var sut = CreateSut(keyDirectory: Path.Combine(_root, "other-keys"));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal((LocalSecretStore.ConnectorName, ErrorKind.NeedsReconsent), (ex.Connector, ex.Kind));
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 1105);
    }

    [Fact]
    public async Task GetAsync_CiphertextCopiedToAnotherSecretsRow_DoesNotDecrypt()
    {
        // Arrange: someone with table access copies one secret's ciphertext into another secret's row.
        var sut = CreateSut();
        await sut.SetAsync(Name, Value);
        await sut.SetAsync("conn-acme-other", "other");
        var table = await _tables.GetTableAsync(_tables.Names.Secrets);
        var source = (await table.GetEntityAsync<TableEntity>(Name, "current")).Value;
        await table.UpsertEntityAsync(new TableEntity("conn-acme-other", "current") { ["Ciphertext"] = source.GetBinary("Ciphertext") }, TableUpdateMode.Replace);

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAsync("conn-acme-other"));

        // Assert
        Assert.DoesNotContain(Value, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_MissingSecret_ReturnsNull()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var read = await sut.GetAsync("conn-acme-missing");

        // Assert
        Assert.Null(read);
    }

    [Fact]
    public async Task SetAsync_Twice_ReplacesValue()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync(Name, "first");

        // Act
        await sut.SetAsync(Name, Value);

        // Assert
        Assert.Equal(Value, await sut.GetAsync(Name));
        Assert.Single(await ReadAllAsync(await _tables.GetTableAsync(_tables.Names.Secrets)));
    }

    [Fact]
    public async Task GetAsync_NameInOtherCase_FindsSameSecretAsKeyVaultWould()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync("Conn-Acme-UPS-Client-Secret", Value);

        // Act
        var read = await sut.GetAsync("conn-acme-ups-client-secret");

        // Assert
        Assert.Equal(Value, read);
    }

    [Fact]
    public async Task DeleteAsync_ExistingSecret_RemovesRow()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync(Name, Value);

        // Act
        await sut.DeleteAsync(Name);

        // Assert
        Assert.Null(await sut.GetAsync(Name));
        Assert.Empty(await ReadAllAsync(await _tables.GetTableAsync(_tables.Names.Secrets)));
    }

    [Fact]
    public async Task DeleteAsync_MissingSecret_Completes()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.DeleteAsync("conn-acme-missing");

        // Assert
        var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 1102);
        Assert.Contains("existed: False", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_ValueOverKeyVaultLimit_ThrowsArgumentException()
    {
        // Arrange
        var sut = CreateSut();
        var tooBig = new string('x', LocalSecretStore.MaxValueBytes + 1);

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => sut.SetAsync(Name, tooBig));

        // Assert
        Assert.Equal("value", ex.ParamName);
        Assert.Null(await sut.GetAsync(Name));
    }

    [Fact]
    public async Task AllOperations_Logs_NameSecretButNeverValue()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.SetAsync(Name, Value);
        await sut.GetAsync(Name);
        await sut.DeleteAsync(Name);

        // Assert
        var records = _logger.Collector.GetSnapshot();
        Assert.Equal([1106, 1101, 1100, 1102], records.Select(r => r.Id.Id));
        Assert.All(records, r => Assert.DoesNotContain(Value, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_StorageUnreachable_ThrowsTransientConnectorException()
    {
        // Arrange: storage on a port nobody listens on.
        var sut = CreateSut(tables: new TableProvider(AzuriteFixture.UnreachableTableService(), new StorageNames("x")));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal((LocalSecretStore.ConnectorName, ErrorKind.Transient, true), (ex.Connector, ex.Kind, ex.IsTransient));
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDataProtectionProvider_NewDirectory_CreatesItOwnerOnly()
    {
        // Arrange
        var directory = Path.Combine(_root, "fresh", "keys");

        // Act
        var provider = LocalSecretStore.CreateDataProtectionProvider(directory);

        // Assert
        Assert.NotNull(provider.CreateProtector(LocalSecretStore.Purpose));
        Assert.True(Directory.Exists(directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
    }

    private static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private LocalSecretStore CreateSut(string? keyDirectory = null, TableProvider? tables = null)
    {
        var directory = keyDirectory ?? KeyDirectory;
        return new LocalSecretStore(
            tables ?? _tables,
            LocalSecretStore.CreateDataProtectionProvider(directory),
            directory,
            new FakeTimeProvider(),
            _logger);
    }
}
