// Tailwind CSS 4 through its PostCSS plugin (design tokens live in app/globals.css).
const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
