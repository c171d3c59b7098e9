"""The facilitator guide as Markdown and HTML (Jinja templates), and the Markdown it renders."""
