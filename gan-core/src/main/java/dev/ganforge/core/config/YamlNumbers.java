package dev.ganforge.core.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;

/**
 * A YAML factory whose parser reads YAML's special floats ({@code .inf}, {@code -.inf}, {@code .nan} in
 * their spellings) as numbers: Jackson's YAML parser reports them as malformed, so a config holding one
 * got a syntax error instead of the range check that names its key.
 */
final class YamlNumbers extends YAMLFactory {
  private static final long serialVersionUID = 1L;
  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NOT_A_NUMBER = Pattern.compile("\\.(nan|NaN|NAN)");

  YamlNumbers(YAMLFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
    return new Parser(context, _parserFeatures, _yamlParserFeatures, this, reader);
  }

  @Override
  protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
      throws IOException {
    return _createParser(new CharArrayReader(data, offset, length), context);
  }

  private static final class Parser extends YAMLParser {
    Parser(IOContext context, int parserFeatures, int yamlFeatures, YamlNumbers factory, Reader reader) {
      super(context, parserFeatures, yamlFeatures, factory._loaderOptions, factory.getCodec(), reader);
    }

    @Override
    protected void _parseNumericValue(int expectedType) throws IOException {
      if (currentToken() == JsonToken.VALUE_NUMBER_FLOAT && _textValue != null) {
        String text = _textValue.trim();
        if (INFINITY.matcher(text).matches()) {
          _numberDouble = text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
          _numTypesValid = NR_DOUBLE;
          return;
        }
        if (NOT_A_NUMBER.matcher(text).matches()) {
          _numberDouble = Double.NaN;
          _numTypesValid = NR_DOUBLE;
          return;
        }
      }
      super._parseNumericValue(expectedType);
    }
  }
}
