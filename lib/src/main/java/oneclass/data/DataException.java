package oneclass.data;

/**
 * A data file is missing, malformed, or not the file it claims to be.
 *
 * <p>Unchecked because no caller can repair a corrupt file in place; the message is the product:
 * it names the file, what was expected and what was found, and what the user can do about it.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
