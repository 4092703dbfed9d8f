"""Identity providers the tests sign in through. Test support only: Jigsaw ships no IdP."""
