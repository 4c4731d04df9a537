"""The portal's pages, one module per page group; every public page is ``cache.public_page``."""
